/** `torchvision.datasets`, and the CSV tables the course reads with pandas. */
export {
  CIFAR10,
  CsvDataset,
  FashionMNIST,
  fashionMnistRoot,
  ImageFolder,
  loadBoston,
  loadFashionMNIST,
  loadIris,
  loadMNIST,
  MNIST,
  mnistRoot,
  readCsvDataset,
  shippedDataDir,
  shippedTablePath,
} from '@nabla/datasets';
